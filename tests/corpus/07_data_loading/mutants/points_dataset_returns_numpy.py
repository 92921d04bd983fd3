# mistake: returns the NumPy row and label as they are, without converting them to tensors
# targets: test_points_dataset
# %% points_dataset
class PointsDataset(Dataset):
    def __init__(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.points = points.astype(np.float32)
        self.labels = labels.astype(np.int64)

    def __len__(self) -> int:
        return len(self.points)

    def __getitem__(self, index: int):
        return self.points[index], self.labels[index]
