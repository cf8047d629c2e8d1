/**
 * DemoPay: a complete example payment gateway (checkout over HTTP with an idempotency key,
 * HMAC-signed JSON webhooks with a timestamp tolerance) that passes the conformance kit. For demos
 * and as a model to copy; not a real provider.
 */
package io.github.remnawaveshop.payments.tck.demo;
