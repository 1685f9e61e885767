package org.liandong.decision;

/** A correction of frozen minutes: what it changes and why (required). */
public record MinutesCorrectionRequest(String correctionReason) {}
