package io.github.remnawaveshop.testkit.panel;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the simulated panel answers: a status and a JSON body (null for no body), and whether the
 * request changed state. Not API.
 */
record SimulatedAnswer(int status, JsonNode body, boolean mutated) {}
