package org.liandong.material;

import jakarta.validation.constraints.NotNull;

/** Begins a resumable upload: the file's display name and its exact length in bytes. */
public record UploadRequest(String fileName, @NotNull Long size) {}
