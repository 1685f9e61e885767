package org.liandong.opinion;

import jakarta.validation.constraints.NotBlank;

/** Signing re-confirms the signer: their account password, even inside a live session. */
public record SignRequest(@NotBlank String password) {}
