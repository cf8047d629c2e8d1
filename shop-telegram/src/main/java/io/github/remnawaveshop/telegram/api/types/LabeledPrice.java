package io.github.remnawaveshop.telegram.api.types;

/**
 * A line of an invoice.
 *
 * @param label the line's name
 * @param amount the price in the smallest units (Stars for XTR)
 */
public record LabeledPrice(String label, long amount) {}
