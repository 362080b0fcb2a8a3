from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.memory_health_status_enum import MemoryHealthStatusEnum
from ..models.source_enum import SourceEnum

T = TypeVar("T", bound="MemoryHealth")


@_attrs_define
class MemoryHealth:
    """
    Attributes:
        total_gb (float):
        available_gb (float):
        used_percent (float):
        used_gb (float):
        threshold_percent (float):
        critical_percent (float):
        status (MemoryHealthStatusEnum): * `ok` - ok
            * `warning` - warning
            * `critical` - critical
        source (SourceEnum): * `cgroup` - cgroup
            * `host` - host
        process_rss_mb (float):
    """

    total_gb: float
    available_gb: float
    used_percent: float
    used_gb: float
    threshold_percent: float
    critical_percent: float
    status: MemoryHealthStatusEnum
    source: SourceEnum
    process_rss_mb: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_gb = self.total_gb

        available_gb = self.available_gb

        used_percent = self.used_percent

        used_gb = self.used_gb

        threshold_percent = self.threshold_percent

        critical_percent = self.critical_percent

        status = self.status.value

        source = self.source.value

        process_rss_mb = self.process_rss_mb

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_gb": total_gb,
                "available_gb": available_gb,
                "used_percent": used_percent,
                "used_gb": used_gb,
                "threshold_percent": threshold_percent,
                "critical_percent": critical_percent,
                "status": status,
                "source": source,
                "process_rss_mb": process_rss_mb,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_gb = d.pop("total_gb")

        available_gb = d.pop("available_gb")

        used_percent = d.pop("used_percent")

        used_gb = d.pop("used_gb")

        threshold_percent = d.pop("threshold_percent")

        critical_percent = d.pop("critical_percent")

        status = MemoryHealthStatusEnum(d.pop("status"))

        source = SourceEnum(d.pop("source"))

        process_rss_mb = d.pop("process_rss_mb")

        memory_health = cls(
            total_gb=total_gb,
            available_gb=available_gb,
            used_percent=used_percent,
            used_gb=used_gb,
            threshold_percent=threshold_percent,
            critical_percent=critical_percent,
            status=status,
            source=source,
            process_rss_mb=process_rss_mb,
        )

        memory_health.additional_properties = d
        return memory_health

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
