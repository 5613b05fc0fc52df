"""What an edition becomes outside the site: print data, DOCX, XLSX, CSV, comparison."""
