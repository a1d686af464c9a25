"""Excel round-trip for owning sections: templates out, actuals in, exports for the committee.

The sheet names and column headings the template and the importer share are words of the
catalogue (dxplan/core/labels/excel.py).
"""
