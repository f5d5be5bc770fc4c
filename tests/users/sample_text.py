"""A plan text written in the tests (the shape of data/raw's sample plans)."""


def plan_text(number: str = "12/KH-UBND") -> str:
    return (f"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: {number}\n"
            "Hà Nội, ngày 3 tháng 4 năm 2024\n\nKẾ HOẠCH\nTiêm chủng mở rộng năm 2024\n\n"
            "II. NHIỆM VỤ\n1. Tổ chức tiêm chủng cho trẻ em\n- Đơn vị chủ trì: Sở Y tế.\n"
            "- Thời gian thực hiện: Tháng 5/2024.\n")
