# mistake: gives the seeded generator to the DataLoader, which does not pass it to a sampler it did not make
# targets: test_balanced_loader
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    weights = 1.0 / torch.bincount(labels)[labels].double()
    sampler = WeightedRandomSampler(weights, num_samples, replacement=True)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, generator=torch.Generator().manual_seed(seed))
