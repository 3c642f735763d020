"""The web app (`storytrace serve`): pages and a JSON API over a store; see `app.create_app`."""
