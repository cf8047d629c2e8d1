/**
 * Implementation of the Bot API client: HTTP, JSON and the throttle's queue. Not API: may change in
 * any release.
 */
package io.github.remnawaveshop.telegram.api.internal;
