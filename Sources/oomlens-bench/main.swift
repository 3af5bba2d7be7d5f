print("oomlens-bench: not built yet")
