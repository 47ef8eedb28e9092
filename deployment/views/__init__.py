"""Pages of the deployment of forces: the committee's planning page, plan runs (progress,
review, edit, apply), member capacities, field needs and temporary teams."""
