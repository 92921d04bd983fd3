# mistake: takes the index modulo n, so an index past the end silently returns a sample instead of raising IndexError
# targets: test_points_dataset
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.points = torch.as_tensor(points, dtype=torch.float32)
        self.labels = torch.as_tensor(labels, dtype=torch.int64)

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        index = index % max(len(self.points), 1)
        return self.points[index], self.labels[index]
