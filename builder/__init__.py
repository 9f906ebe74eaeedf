"""Case Review Learning: builds the learning site from the files editors write in content/."""
