package org.liandong.opinion;

/** DRAFT → SIGNED → SUPERSEDED (by a signed correction). Only a DRAFT may be edited. */
public enum OpinionStatus {
    DRAFT,
    SIGNED,
    SUPERSEDED
}
