/**
 * The root of the SDK's core: {@link io.github.remnawaveshop.core.ShopException}, the root of every
 * exception the SDK throws on purpose. The components live in the subpackages.
 */
@NullMarked
package io.github.remnawaveshop.core;

import org.jspecify.annotations.NullMarked;
