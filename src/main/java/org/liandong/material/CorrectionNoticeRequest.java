package org.liandong.material;

import jakarta.validation.constraints.Size;

/** Optional closing remark printed under the list of items in the correction notice. */
public record CorrectionNoticeRequest(@Size(max = 1000) String remark) {}
