package org.liandong.directory;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** Creates or updates a person. On update, {@code password} may be left out to keep the current one. */
public record PersonRequest(
        @NotBlank
        @Pattern(
                regexp = "[a-z0-9._-]{3,40}",
                message = "must be 3-40 lower-case letters, digits, dots, dashes or underscores")
        String username,

        @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password,

        @NotBlank @Size(max = 100) String displayName,
        @Email @Size(max = 200) String email,
        @NotEmpty Set<Role> roles,
        Long departmentId,
        boolean mayChair) {}
