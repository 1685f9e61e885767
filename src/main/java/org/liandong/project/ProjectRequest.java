package org.liandong.project;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.liandong.common.TextLimits;

/**
 * Registers (coordinator, at the counter) or files online (applicant, proxy agent) an investment
 * project. Codes are checked in depth by {@link ProjectService}. {@code applicantId} may be left out
 * by an applicant filing for themselves; a proxy agent is the project's proxy agent.
 */
public record ProjectRequest(
        @NotBlank String projectCode,
        @NotBlank @Size(max = TextLimits.PROJECT_NAME) String name,
        @NotBlank @Size(max = TextLimits.ENTERPRISE_NAME) String enterpriseName,
        @NotBlank String creditCode,

        @NotNull
        @DecimalMin(value = "0.01", message = "must be a positive amount in CNY")
        @Digits(integer = 16, fraction = 2, message = "must have at most two decimals (fen)")
        BigDecimal investment,

        @NotBlank String countyCode,
        @NotBlank @Size(max = TextLimits.INDUSTRY) String industry,
        @NotBlank String matterType,
        Long applicantId,
        Long proxyAgentId) {}
