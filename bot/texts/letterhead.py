"""The official report's default letterhead (data/campaign.yaml's `report:` may override each)."""

from __future__ import annotations

AUTHORITY = "UBND TỈNH THANH HÓA"
DEPARTMENT = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
SENDER = "Sở Khoa học và Công nghệ"  # the department in a sentence
NUMBER = "Số:        /BC-SKHCN"
PLACE = "Thanh Hóa"
# The seed letter left its number blank (filled in by hand when it was signed).
LETTER = "số        /SKHCN-CNTT&CĐS tháng 6/2025 của Sở Khoa học và Công nghệ"
RECIPIENT = "Chủ tịch UBND tỉnh Thanh Hóa"
SIGNER_TITLE = "GIÁM ĐỐC"
