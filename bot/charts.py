"""Completion chart per former district, rendered offline to PNG (matplotlib, Agg)."""

from __future__ import annotations

import io


def completion_chart(summary: list[tuple[str, dict[str, int]]]) -> bytes:
    """Stacked horizontal bars: complete / incomplete / not started, per former district."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # imported lazily: only coordinators ask for charts

    names = [name for name, _ in summary][::-1]
    complete = [c["complete"] for _, c in summary][::-1]
    incomplete = [c["incomplete"] for _, c in summary][::-1]
    empty = [c["empty"] for _, c in summary][::-1]
    fig, ax = plt.subplots(figsize=(8, max(4, 0.32 * len(names) + 1)), dpi=100)
    ax.barh(names, complete, color="#2e7d32", label="Đủ thành phần")
    ax.barh(names, incomplete, left=complete, color="#f9a825", label="Còn thiếu")
    left = [a + b for a, b in zip(complete, incomplete, strict=True)]
    ax.barh(names, empty, left=left, color="#c62828", label="Chưa đăng ký")
    ax.set_xlabel("Số xã/phường")
    ax.set_title("Tổ hỗ trợ kỹ thuật theo huyện cũ")
    ax.legend(loc="lower right", fontsize=8)
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png")
    plt.close(fig)
    return out.getvalue()
