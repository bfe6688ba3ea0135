package dev.katafraktos.api;

import dev.katafraktos.render.RenderedManifest;
import dev.katafraktos.values.ImageSite;
import dev.katafraktos.values.MovePlan;
import dev.katafraktos.values.Provenance;
import java.util.Map;

/**
 * What a rewrite found on one Kubernetes version: the chart's render with the values as they are,
 * which values control which image, and the edits that move the images. Sites are those of this
 * version's render: the same place may hold another image on another version.
 *
 * @param kubeVersion the version rendered for ({@code null}: the renderer's default)
 * @param baseline the render with the values as they are
 * @param provenance the images and the values that control them
 * @param targets what each image should become
 * @param goals the target of each image that moves (pinned to its digest when asked)
 * @param plan the edits that move them
 */
record VersionPlan(
    String kubeVersion,
    RenderedManifest baseline,
    Provenance provenance,
    Targets targets,
    Map<ImageSite, String> goals,
    MovePlan plan) {}
