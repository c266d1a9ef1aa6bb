"""Tests of the web widget (web_widget/): units, the HTTP surface and the browser suite."""
