"""schema.org ``Dataset`` JSON-LD for trackers, with the downloads as its ``distribution``."""

from __future__ import annotations

from typing import Any

from masthead.core.site_url import absolute_url, page_url


def dataset_json_ld(dataset, *, page=None, frame=None) -> dict[str, Any]:
    frame = frame or dataset.frame()
    description = dataset.description or f"{dataset.title}: figures kept by the newsroom."
    if dataset.illustrative:
        description = "Illustrative figures, not real data. " + description
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": dataset.title,
        "description": description[:5000],
        "url": page_url(page) if page is not None else absolute_url(dataset.json_url()),
        "variableMeasured": [
            {
                "@type": "PropertyValue",
                "name": one.name,
                **({"unitText": one.unit} if one.unit else {}),
            }
            for one in frame.series
        ],
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": "text/csv",
                "contentUrl": absolute_url(dataset.csv_url()),
            },
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": absolute_url(dataset.json_url()),
            },
        ],
        "dateModified": dataset.updated_at.isoformat() if dataset.updated_at else None,
        "isAccessibleForFree": True,
    }
    if len(description) < 50:  # Google asks for 50 to 5,000 characters
        data["description"] = description + " Downloads in CSV and JSON."
    if dataset.source_name or dataset.source_url:
        source: dict[str, Any] = {"@type": "Organization", "name": dataset.source_name or "Source"}
        if dataset.source_url:
            source["url"] = dataset.source_url
        data["creator"] = source
    if dataset.is_dated and frame.xs:
        data["temporalCoverage"] = f"{frame.xs[0].isoformat()}/{frame.xs[-1].isoformat()}"
    if dataset.methodology:
        data["measurementTechnique"] = dataset.methodology[:500]
    if data["dateModified"] is None:
        data.pop("dateModified")
    return data
