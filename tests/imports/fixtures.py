"""Messy files as agencies bring them, written for the tests."""
from __future__ import annotations

import datetime
import io

CP1251_CSV = (
    "Реестр изъятий объектов фауны за 2019 г.;;;;;;;;;;;;\r\n"
    ";;;;;;;;;;;;\r\n"
    "Номер дела;Дата изъятия;Наименование;Продукция;Кол-во;Ед. изм.;Страна происхождения;Страна назначения;"
    "Ф.И.О.;Дата рождения;Гражданство;Пост;Примечание\r\n"
    "12/19;12.03.19;рога сайги;;15 шт.;;РК;КНР;Асанов А.Т.;05.06.1980;КР;Торугарт;в багаже\r\n"
    "12/19;12.03.19;Балобан;живые;2;;РК;ОАЭ;Асанов А.Т.;05.06.1980;КР;Торугарт;\r\n"
    "13/19;01.04.2019;осетр русский;икра;2,5;кг;РФ;Китай;Петров Иван Сергеевич;1975;РФ;;\"партия, 2 банки\"\r\n"
    "14/19;7.11.19;степная черепаха;;1 200;;Казахстан;UAE;Zhang Wei;;CN;;\r\n"
    "15/19;20.12.2019;Ирбис;шкура;1;;KZ;КНР;;;;;\r\n"
    ";;;;;;;;;;;;\r\n"
).encode("cp1251")

BAD_CSV = (
    "\ufeffНомер дела,Дата изъятия,Вид,Количество,Ед. изм.\n"
    "A-1,31.02.2020,Сайгак,3,шт\n"
    "A-2,10.01.2020,Несуществующий зверь,1,\n"
    ",,,,\n"
    "A-3,11.01.2020,Falco cherrug,-2,\n"
    "A-4,,Falco cherrug,1,\n"
    "A-5,12.01.2020,Falco cherrug,1,\n"
    "A-6,01.01.2099,Сайгак,1,\n"
).encode("utf-8")

KYRGYZ_CSV = (
    "Иштин номери;Алынган күнү;Түрү;Бөлүгү;Саны;Өлчөө бирдиги;Келип чыккан өлкө;Баруучу өлкө;Аты-жөнү;Жарандыгы\n"
    "КГ-7;03.05.2021;Акбөкөн;мүйүз;4;даана;Казакстан;Кытай;Бакыт Асанов;Кыргызстан\n"
).encode()


def messy_xlsx() -> bytes:
    """Title rows, a group heading merged over two columns, real date cells, a merged case number, empty rows."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Изъятия"
    ws.append(["Государственная таможенная служба"])
    ws.append(["Сведения об изъятиях за 2020 год"])
    ws.merge_cells("A1:F1")
    ws.append(["№ дела", "Дата изъятия", "Вид", "Изъято", None, "Гражданство"])
    ws.append([None, None, None, "Количество", "Ед. изм.", None])
    ws.merge_cells("D3:E3")
    ws.merge_cells("A3:A4")
    ws.merge_cells("B3:B4")
    ws.merge_cells("C3:C4")
    ws.merge_cells("F3:F4")
    ws.append(["X-100", datetime.datetime(2020, 5, 17), "Falco cherrug", 3, "шт.", "KZ"])
    ws.append([None, datetime.datetime(2020, 5, 17), "Сайгак рога", 2.5, "кг", "KZ"])
    ws.merge_cells("A5:A6")
    ws.append(["X-101", 43900, "Snow leopard", "1", None, "Китай"])  # Excel serial 43900 = 2020-03-10
    ws.append([None, None, None, None, None, None])
    ws.append([None, None, None, None, None, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
