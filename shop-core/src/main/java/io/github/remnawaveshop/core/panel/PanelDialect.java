package io.github.remnawaveshop.core.panel;

/**
 * Which Remnawave panel API the client speaks. Chosen explicitly in the builder: the SDK does not
 * guess, because a wrong guess would send requests the panel silently misreads.
 */
public enum PanelDialect {
  /**
   * Panel 3.x (3.0.0 and newer): users are identified by a numeric {@code id}; lookup by Telegram
   * id goes through {@code GET /api/users/stream}. The default.
   */
  V3,
  /**
   * Panel 2.x (2.0 to 2.8): users are identified by a {@code uuid}; lookup by Telegram id through
   * {@code GET /api/users/by-telegram-id/{tg}}; {@code actions/extend} does not exist.
   */
  V2
}
