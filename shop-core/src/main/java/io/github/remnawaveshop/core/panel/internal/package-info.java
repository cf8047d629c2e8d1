/**
 * Implementation of the panel client. Not API: anything here may change in any release; use the
 * types of {@link io.github.remnawaveshop.core.panel}.
 */
@NullMarked
package io.github.remnawaveshop.core.panel.internal;

import org.jspecify.annotations.NullMarked;
