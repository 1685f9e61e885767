package org.liandong.document;

/**
 * Where the visible seal goes: a page (0-based) and a rectangle in PDF user space (points,
 * origin at the page's lower left), taken from the layout of the template's {@code id="seal"} box.
 */
public record SealSpot(int page, float x, float y, float width, float height) {}
