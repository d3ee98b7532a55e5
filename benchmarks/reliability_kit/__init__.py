"""What the reliability benchmark (and its tests) run: crash workers, parallel users, fuzz targets, the store doubles they need."""
