/**
 * Helpers shared by several of shop-core's packages. Not API: these types may change in any release.
 */
package io.github.remnawaveshop.core.internal;
