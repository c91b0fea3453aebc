"""The demo's records, as data: the office's own facts (from its pages), real designated
sites (as on UNESCO's lists) and events. unesco_office.demo.loader writes them."""
