/**
 * The shop's screens and flows. Not API: may change in any release; customise through texts and
 * routers.
 */
package io.github.remnawaveshop.telegram.shop.internal;
