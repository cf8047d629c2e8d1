/**
 * Helpers shared by several of shop-core's packages. Not API: these types may change in any
 * release.
 */
@NullMarked
package io.github.remnawaveshop.core.internal;

import org.jspecify.annotations.NullMarked;
