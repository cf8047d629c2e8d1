package io.github.remnawaveshop.core.fsm;

import io.github.remnawaveshop.testkit.MutableClock;

/** The testkit's clock, started at 2026-01-01T00:00:00Z. */
final class TestClock extends MutableClock {}
