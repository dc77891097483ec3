"""The dashboard's page and assets, and the static HTML report (`sagwan report`)."""
