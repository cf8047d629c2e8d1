package io.github.remnawaveshop.benchmarks.telegram;

import io.github.remnawaveshop.testkit.telegram.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One user action of the load test, as observed while it ran; the bot's answer time is resolved
 * afterwards from the simulator's request record (so the run does not copy that record under the
 * simulator's lock).
 *
 * @param step the action's name ({@code start}, {@code buy}, …)
 * @param chatId the user's private chat
 * @param sentAt when the user's update arrived at the simulator (its clock, read just before the
 *     update)
 * @param messageId the bot message that answered, or 0 for a pre-checkout query
 * @param messageDate when that message was first sent (the simulator's time of the send request)
 * @param preCheckoutQueryId the query id for the pre-checkout step, else empty
 */
record StepTiming(
    String step,
    long chatId,
    Instant sentAt,
    long messageId,
    Instant messageDate,
    Optional<String> preCheckoutQueryId) {

  /**
   * When the bot's answering request arrived at the simulator: the message's send if it was sent
   * after the action, else its first edit after the action, or the {@code answerPreCheckoutQuery}
   * call.
   */
  Instant answeredAt(
      Map<Long, List<RecordedRequest>> editsByChat, Map<String, Instant> preCheckoutAnswers) {
    if (preCheckoutQueryId.isPresent()) {
      Instant at = preCheckoutAnswers.get(preCheckoutQueryId.get());
      if (at == null) {
        throw new IllegalStateException(
            "no answer to pre-checkout query " + preCheckoutQueryId.get());
      }
      return at;
    }
    if (!messageDate.isBefore(sentAt)) {
      return messageDate;
    }
    return editsByChat.getOrDefault(chatId, List.of()).stream()
        .filter(
            r -> r.params().path("message_id").asLong() == messageId && !r.at().isBefore(sentAt))
        .map(RecordedRequest::at)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no edit of message " + messageId + " in chat " + chatId + " after " + sentAt));
  }

  /** The response time in milliseconds. */
  static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e6;
  }
}
