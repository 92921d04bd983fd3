# mistake: gives every sample the same weight, so each class comes up as often as it occurs
# targets: test_balanced_loader
# %% balanced_loader
def balanced_loader(dataset: Dataset, labels: torch.Tensor, batch_size: int, num_samples: int, seed: int) -> DataLoader:
    sampler = WeightedRandomSampler(torch.ones(len(labels)), num_samples, replacement=True,
                                    generator=torch.Generator().manual_seed(seed))
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler)
