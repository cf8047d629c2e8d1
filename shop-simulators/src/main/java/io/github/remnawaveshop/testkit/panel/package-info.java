/**
 * A Remnawave panel simulator for tests: {@link
 * io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator}, a MockWebServer dispatcher that
 * serves the documented panel 3.x API subset over real HTTP from in-memory state, with the panel's
 * validation rules and error bodies, and injectable failures.
 */
package io.github.remnawaveshop.testkit.panel;
