package io.github.remnawaveshop.core.panel;

import io.github.remnawaveshop.core.ShopException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The one unchecked exception of the panel client and the panel webhooks. {@link #kind()} says what
 * a caller can do about it; {@link #httpStatus()} and {@link #errorCode()} carry the panel's own
 * answer when there was one. Messages never contain the API token or the webhook secret.
 */
public class PanelException extends ShopException {

  /** What went wrong, in terms a caller can act on. */
  public enum Kind {
    /** The user (or other object) does not exist: HTTP 404, panel codes A062/A063. */
    NOT_FOUND,
    /** The object already exists: panel code A019 "username already exists", or HTTP 409. */
    CONFLICT,
    /** The panel rejected the request as invalid (HTTP 400/422, validation errors). */
    INVALID_REQUEST,
    /** The token is missing, wrong, expired or lacks the scope (HTTP 401/403). */
    UNAUTHORIZED,
    /** The panel asked to slow down (HTTP 429) and retries ran out. */
    RATE_LIMITED,
    /**
     * The panel could not be reached or answered 502/503/504, or the connection broke, and retries
     * ran out: the panel looks down. For a non-idempotent call the panel may or may not have
     * applied it.
     */
    UNAVAILABLE,
    /**
     * The panel was reached but did not answer in time (read or call timeout), and retries ran out:
     * the panel looks slow rather than down. For a non-idempotent call the panel may or may not
     * have applied it.
     */
    TIMEOUT,
    /**
     * The user is already in the state the action asks for: enable of an enabled user (panel code
     * A030) or disable of a disabled one (A029), on the first attempt. (After a retry of the same
     * action, whose earlier answer was lost, the client reports success instead.)
     */
    ALREADY_IN_STATE,
    /**
     * The panel failed internally (other HTTP 5xx, e.g. A018 create failed, A039 update failed).
     */
    SERVER_ERROR,
    /** The panel's answer could not be understood (not JSON, missing required fields). */
    INVALID_RESPONSE,
    /** The operation does not exist in the configured {@link PanelDialect}. */
    UNSUPPORTED,
    /** A panel webhook's signature is missing or wrong. */
    INVALID_SIGNATURE,
    /** A panel webhook's body is not a valid event. */
    INVALID_WEBHOOK
  }

  private final Kind kind;
  private final int httpStatus;
  private final @Nullable String errorCode;

  /**
   * Creates an exception.
   *
   * @param kind what went wrong
   * @param httpStatus the HTTP status, or 0 when there was no HTTP answer
   * @param errorCode the panel's error code, or null when there was none
   * @param message the description (no secrets)
   * @param cause the underlying failure, or null
   */
  public PanelException(
      Kind kind,
      int httpStatus,
      @Nullable String errorCode,
      String message,
      @Nullable Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /**
   * Creates an exception without an HTTP answer.
   *
   * @param kind what went wrong
   * @param message the description (no secrets)
   */
  public PanelException(Kind kind, String message) {
    this(kind, 0, null, message, null);
  }

  /**
   * What went wrong.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The HTTP status of the panel's answer, if there was one.
   *
   * @return the status, or empty for connection failures and webhook errors
   */
  public OptionalInt httpStatus() {
    return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }

  /**
   * The panel's {@code errorCode} (e.g. {@code A019}, {@code A063}), if its answer had one.
   *
   * @return the code
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * Whether trying again later may succeed ({@link Kind#UNAVAILABLE}, {@link Kind#TIMEOUT}, {@link
   * Kind#RATE_LIMITED}).
   *
   * @return true for transient failures
   */
  public boolean isTransient() {
    return kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT || kind == Kind.RATE_LIMITED;
  }
}
