# why: class sizes from torch.unique(return_inverse, return_counts) and probabilities that sum to 1 (weights need not be normalised)
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    _, inverse, counts = torch.unique(labels, return_inverse=True, return_counts=True)
    probabilities = 1.0 / (counts[inverse].double() * len(counts))
    sampler = WeightedRandomSampler(probabilities.tolist(), num_samples, replacement=True,
                                    generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size, sampler=sampler)
