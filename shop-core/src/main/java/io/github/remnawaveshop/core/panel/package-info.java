/**
 * The Remnawave panel: a client of its REST API ({@link
 * io.github.remnawaveshop.core.panel.RemnawavePanel}, panel 3.x by default, 2.x as a dialect) and
 * verification of the webhooks it sends ({@link io.github.remnawaveshop.core.panel.PanelWebhooks}).
 *
 * <p>Values are immutable records; every failure is a {@link
 * io.github.remnawaveshop.core.panel.PanelException}. The panel is the source of truth for access
 * (status, expiry, traffic); provisioning goes through {@code ensureUser}, which is safe to repeat.
 * Tests can run against {@code io.github.remnawaveshop.testkit.panel.RemnawavePanelSimulator} from
 * {@code shop-testkit}. See {@code docs/panel.md}.
 */
@NullMarked
package io.github.remnawaveshop.core.panel;

import org.jspecify.annotations.NullMarked;
