"""toolhunt: a tiny flask api (sample code; the sample only builds and ships it)."""
from flask import Flask

app = Flask(__name__)


@app.get("/health")
def health():
    return {"ok": True}
