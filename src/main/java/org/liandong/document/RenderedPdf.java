package org.liandong.document;

import java.util.Optional;

/** A rendered, not yet signed PDF/A and the spot its template reserved for the seal, if any. */
public record RenderedPdf(byte[] pdf, Optional<SealSpot> sealSpot) {}
