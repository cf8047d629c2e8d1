package io.github.remnawaveshop.telegram.api.types;

/**
 * An invoice shown in a message.
 *
 * @param title the product name
 * @param description the product description
 * @param startParameter the deep-link parameter
 * @param currency the currency ({@code XTR} for Stars)
 * @param totalAmount the total price in the smallest units
 */
public record Invoice(
    String title, String description, String startParameter, String currency, long totalAmount) {}
