/**
 * The activation frame: the binary message that carries tokens and hidden-state activations
 * between satellites over MQTT, and the topic names it travels on. Wire format, codecs, bounds
 * and error reasons are described in {@code docs/activation-frame.md}.
 */
package org.spacemoe.shared.frame;
