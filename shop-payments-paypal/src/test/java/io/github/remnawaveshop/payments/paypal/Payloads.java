package io.github.remnawaveshop.payments.paypal;

/**
 * PayPal payloads in the shape PayPal's REST and webhook reference documents them (Orders v2,
 * Payments v2, webhook event envelope v1.0 with resource version 2.0), trimmed of fields the
 * gateway does not read.
 */
final class Payloads {
  static final String ORDER_ID = "5O190127TN364715T";
  static final String CAPTURE_ID = "3C679366HH908993F";
  static final String REFUND_ID = "1Y107995YT783435V";

  private Payloads() {}

  static String orderCreated(String orderId) {
    return """
        {"id":"%1$s","status":"PAYER_ACTION_REQUIRED","payment_source":{"paypal":{}},"links":[
         {"href":"https://api-m.sandbox.paypal.com/v2/checkout/orders/%1$s","rel":"self","method":"GET"},
         {"href":"https://www.sandbox.paypal.com/checkoutnow?token=%1$s","rel":"payer-action","method":"GET"}]}
        """
        .formatted(orderId);
  }

  static String orderCreatedWithApproveLink(String orderId) {
    return """
        {"id":"%1$s","status":"CREATED","links":[
         {"href":"https://api-m.sandbox.paypal.com/v2/checkout/orders/%1$s","rel":"self","method":"GET"},
         {"href":"https://www.sandbox.paypal.com/checkoutnow?token=%1$s","rel":"approve","method":"GET"},
         {"href":"https://api-m.sandbox.paypal.com/v2/checkout/orders/%1$s/capture","rel":"capture","method":"POST"}]}
        """
        .formatted(orderId);
  }

  static String captureCompleted(
      String eventId, String captureId, String reference, String value, String currency) {
    return """
        {"id":"%1$s","event_version":"1.0","create_time":"2026-06-01T10:00:03.000Z","resource_type":"capture",\
        "resource_version":"2.0","event_type":"PAYMENT.CAPTURE.COMPLETED","summary":"Payment completed for %4$s %5$s",\
        "resource":{"amount":{"currency_code":"%5$s","value":"%4$s"},\
        "supplementary_data":{"related_ids":{"order_id":"%6$s"}},"update_time":"2026-06-01T10:00:02Z",\
        "create_time":"2026-06-01T10:00:02Z","final_capture":true,"custom_id":"%3$s","links":[\
        {"href":"https://api.sandbox.paypal.com/v2/payments/captures/%2$s","rel":"self","method":"GET"},\
        {"href":"https://api.sandbox.paypal.com/v2/payments/captures/%2$s/refund","rel":"refund","method":"POST"},\
        {"href":"https://api.sandbox.paypal.com/v2/checkout/orders/%6$s","rel":"up","method":"GET"}],\
        "id":"%2$s","status":"COMPLETED"},"links":[]}"""
        .formatted(eventId, captureId, reference, value, currency, ORDER_ID);
  }

  static String captureDenied(String eventId, String captureId, String reference) {
    return """
        {"id":"%1$s","event_version":"1.0","create_time":"2026-06-01T10:00:03.000Z","resource_type":"capture",\
        "resource_version":"2.0","event_type":"PAYMENT.CAPTURE.DENIED","summary":"A payment capture was denied",\
        "resource":{"amount":{"currency_code":"USD","value":"9.99"},"update_time":"2026-06-01T10:00:02Z",\
        "create_time":"2026-06-01T09:59:00Z","custom_id":"%3$s","id":"%2$s","status":"DECLINED"}}"""
        .formatted(eventId, captureId, reference);
  }

  static String captureRefunded(String eventId, String refundId, String captureId, String value) {
    return """
        {"id":"%1$s","event_version":"1.0","create_time":"2026-06-02T08:00:01.000Z","resource_type":"refund",\
        "resource_version":"2.0","event_type":"PAYMENT.CAPTURE.REFUNDED","summary":"A %4$s USD capture payment was refunded",\
        "resource":{"amount":{"value":"%4$s","currency_code":"USD"},"update_time":"2026-06-02T08:00:00Z",\
        "create_time":"2026-06-02T08:00:00Z","custom_id":"order-42","links":[\
        {"href":"https://api.sandbox.paypal.com/v2/payments/refunds/%2$s","rel":"self","method":"GET"},\
        {"href":"https://api.sandbox.paypal.com/v2/payments/captures/%3$s","rel":"up","method":"GET"}],\
        "id":"%2$s","status":"COMPLETED"}}"""
        .formatted(eventId, refundId, captureId, value);
  }

  static String orderApproved(String eventId, String orderId, String reference) {
    return """
        {"id":"%1$s","event_version":"1.0","create_time":"2026-06-01T10:00:01.000Z","resource_type":"checkout-order",\
        "resource_version":"2.0","event_type":"CHECKOUT.ORDER.APPROVED","summary":"An order has been approved by buyer",\
        "resource":{"create_time":"2026-06-01T09:59:00Z","purchase_units":[{"reference_id":"%3$s",\
        "amount":{"currency_code":"USD","value":"9.99"},"custom_id":"%3$s"}],"links":[\
        {"href":"https://api.sandbox.paypal.com/v2/checkout/orders/%2$s","rel":"self","method":"GET"},\
        {"href":"https://api.sandbox.paypal.com/v2/checkout/orders/%2$s/capture","rel":"capture","method":"POST"}],\
        "id":"%2$s","intent":"CAPTURE","payer":{"payer_id":"QYR5Z8XDVJNXQ"},"status":"APPROVED"}}"""
        .formatted(eventId, orderId, reference);
  }

  static String captureAnswer(String orderId, String captureId, String status, String reference) {
    return """
        {"id":"%1$s","status":"%3$s","payment_source":{"paypal":{}},"purchase_units":[{"reference_id":"%4$s",\
        "payments":{"captures":[{"id":"%2$s","status":"%3$s","amount":{"currency_code":"USD","value":"9.99"},\
        "final_capture":true,"custom_id":"%4$s","create_time":"2026-06-01T10:00:02Z","update_time":"2026-06-01T10:00:02Z"}]}}],\
        "links":[{"href":"https://api.sandbox.paypal.com/v2/checkout/orders/%1$s","rel":"self","method":"GET"}]}\
        """
        .formatted(orderId, captureId, status, reference);
  }

  static String otherEvent(String eventId) {
    return """
        {"id":"%s","event_version":"1.0","create_time":"2026-06-01T10:00:01.000Z","resource_type":"dispute",\
        "event_type":"CUSTOMER.DISPUTE.CREATED","resource":{"dispute_id":"PP-D-1"}}"""
        .formatted(eventId);
  }
}
