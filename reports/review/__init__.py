"""Members review a shared edition paragraph by paragraph (issue 16): a review period per
edition, comments with a stance and wording suggestions (修文案) per paragraph, and the
secretariat's disposition of each suggestion."""
