package org.liandong.material;

/** What was learnt about an upload's bytes once they were all staged: checked, not yet a version. */
record StoredFile(String fileName, long size, String mediaType, String sha256) {}
