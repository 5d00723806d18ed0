"""No models: editions are Wagtail Locales; this module lets post_migrate reach the app."""
