package org.liandong.material;

/**
 * A resumable upload in progress. Send the next chunk as
 * {@code PUT /api/material-uploads/{id}} with {@code Content-Range: bytes <offset>-<last>/<size>}.
 *
 * @param offset bytes stored so far (durably); the next chunk starts here
 * @param size   the file's full length in bytes, as declared when the upload began
 */
public record UploadView(String id, long projectId, long itemId, String fileName, long size, long offset, String url) {}
