package io.github.remnawaveshop.payments.robokassa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.remnawaveshop.core.payment.Money;
import io.github.remnawaveshop.core.payment.PaymentProviderException;
import io.github.remnawaveshop.core.payment.ProviderHttp;
import io.github.remnawaveshop.core.payment.RefundCapability.RefundResult;
import io.github.remnawaveshop.core.payment.Secret;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The two Robokassa web services the gateway calls: {@code OpStateExt} (XML, signed with Password
 * #2) and the refund service ({@code Refund/Create}, a JWT signed HS256 with Password #3).
 * Thread-safe.
 */
final class RobokassaApi {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  private final ProviderHttp http;
  private final HttpUrl opStateUrl;
  private final HttpUrl refundUrl;
  private final HashAlgorithm algorithm;

  RobokassaApi(OkHttpClient http, HttpUrl opStateUrl, HttpUrl refundUrl, HashAlgorithm algorithm) {
    this.http = ProviderHttp.of("Robokassa", http);
    this.opStateUrl = opStateUrl;
    this.refundUrl = refundUrl;
    this.algorithm = algorithm;
  }

  OperationState opState(String login, String invId, Secret password2) {
    String signature =
        algorithm.hex(
            (login + ":" + invId + ":" + password2.reveal()).getBytes(StandardCharsets.UTF_8));
    HttpUrl url =
        opStateUrl
            .newBuilder()
            .addQueryParameter("MerchantLogin", login)
            .addQueryParameter("InvoiceID", invId)
            .addQueryParameter("Signature", signature)
            .build();
    String xml =
        call(new Request.Builder().url(url).get().build(), "OpStateExt for InvId " + invId);
    Element root = parse(xml, invId).getDocumentElement();
    int result = number(text(child(root, "Result"), "Code"), invId);
    Element state = child(root, "State");
    int stateCode = state == null ? 0 : number(text(state, "Code"), invId);
    Element info = child(root, "Info");
    return new OperationState(
        invId,
        result,
        stateCode,
        Optional.ofNullable(text(info, "OutSum")),
        Optional.ofNullable(text(info, "OpKey")));
  }

  RefundResult refund(String opKey, Optional<Money> amount, Secret password3) {
    ObjectNode payload = MAPPER.createObjectNode().put("OpKey", opKey);
    amount.ifPresent(a -> payload.put("RefundSum", new BigDecimal(a.toDecimalString())));
    String jwt = jwt(payload.toString(), password3);
    String body =
        call(
            new Request.Builder().url(refundUrl).post(RequestBody.create(jwt, TEXT)).build(),
            "refund");
    JsonNode answer;
    try {
      answer = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new PaymentProviderException(
          "Robokassa answered a refund with malformed JSON", 200, null, e);
    }
    if (!answer.path("success").asBoolean(false)) {
      String message = answer.path("message").asText("");
      throw new PaymentProviderException(
          "Robokassa refused the refund" + (message.isEmpty() ? "" : ": " + shorten(message)),
          200,
          message.isEmpty() ? null : shorten(message),
          null);
    }
    String requestId = answer.path("requestId").asText("");
    if (requestId.isEmpty()) {
      throw new PaymentProviderException(
          "Robokassa accepted a refund without a requestId", 200, null, null);
    }
    return new RefundResult(requestId, "processing");
  }

  /** A compact JWS: base64url(header).base64url(payload).base64url(HMAC-SHA256). */
  static String jwt(String payloadJson, Secret key) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
      return signingInput
          + "."
          + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  private String call(Request request, String what) {
    return http.execute(request, what);
  }

  private static Document parse(String xml, String invId) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new PaymentProviderException(
          "Robokassa answered OpStateExt for InvId " + invId + " with malformed XML", 200, null, e);
    }
  }

  private static Element child(Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    if (e == null) {
      return null;
    }
    String t = e.getTextContent().trim();
    return t.isEmpty() ? null : t;
  }

  private static int number(String text, String invId) {
    try {
      if (text == null) {
        throw new NumberFormatException("absent");
      }
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new PaymentProviderException(
          "Robokassa answered OpStateExt for InvId " + invId + " without a numeric code",
          200,
          null,
          null);
    }
  }

  private static String shorten(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
